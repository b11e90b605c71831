// IAM policy statements to paste, filled with the ARNs the error named. Printed as indented JSON so that they can
// be copied into a policy document's "Statement" array as they are.

function render(statement: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(statement, null, 2);
}

/** For the caller's identity policy: allow the action on the resource. */
export function identityPolicyStatement(actions: readonly string[], resource: string): string {
  return render({ Effect: 'Allow', Action: actions.length === 1 ? actions[0] : [...actions], Resource: resource });
}

/** For a role's trust policy: let the principal assume the role. */
export function trustPolicyStatement(principalArn: string, actions: readonly string[]): string {
  return render({ Effect: 'Allow', Principal: { AWS: principalArn }, Action: actions.length === 1 ? actions[0] : [...actions] });
}

/** Trust statement for GitHub Actions OIDC: audience and repository conditions are what usually fail. */
export function githubOidcTrustStatement(account: string, repository: string): string {
  return render({
    Effect: 'Allow',
    Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com` },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': `repo:${repository}:*` },
    },
  });
}
