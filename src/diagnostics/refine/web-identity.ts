// Web identity and SAML federation: GitHub Actions OIDC (sub/aud conditions, id-token permission), identity
// provider keys that STS cannot fetch, missing OIDC providers, expired tokens.
import { accountOf, findArns, parseArn, roleNameOf } from '../arn.js';
import { setCause } from '../cause.js';
import { appendStep, prependStep, type RefineInput } from '../draft.js';
import { githubOidcTrustStatement } from '../policy-statements.js';

const GITHUB = /Could not assume role with OIDC|token\.actions\.githubusercontent\.com|configure-aws-credentials|GITHUB_|github/i;

export function refineWebIdentity({ draft, facts, context, entry }: RefineInput): void {
  const text = facts.text;
  const role = (context.roleArn === undefined ? undefined : parseArn(context.roleArn)) ?? findArns(text).find((a) => a.resourceType === 'role');
  if (role !== undefined) {
    draft.vars.role ??= role.text;
    draft.vars.roleName ??= roleNameOf(role);
  }
  const saml = /SAML/.test(text) || draft.operation === 'AssumeRoleWithSAML';
  if (entry.code === 'WebIdentityAccessDenied') {
    draft.operation ??= saml ? 'AssumeRoleWithSAML' : 'AssumeRoleWithWebIdentity';
    if (saml) {
      draft.summary = 'The role does not trust this SAML identity provider or assertion.';
      setCause(draft.causes, 'provider', 'high', 'The call was AssumeRoleWithSAML.', 'The role’s trust policy does not name this SAML provider (Principal.Federated = arn:aws:iam::ACCOUNT:saml-provider/NAME) with Action sts:AssumeRoleWithSAML.');
      setCause(draft.causes, 'condition', 'medium', undefined, 'The SAML:aud condition or the role/provider pair in the assertion does not match.');
      appendStep(draft, 'List the SAML providers: aws iam list-saml-providers');
    } else if (GITHUB.test(text)) {
      const account = (role === undefined ? undefined : accountOf(role)) ?? context.account ?? 'ACCOUNT_ID';
      draft.summary = 'The role does not trust this GitHub Actions OIDC token.';
      setCause(draft.causes, 'condition', 'high', 'GitHub Actions OIDC: the token’s sub is "repo:OWNER/REPO:ref:refs/heads/BRANCH" (or :environment:NAME, :pull_request), compared case-sensitively.', 'The trust policy’s token.actions.githubusercontent.com:sub condition does not match this repository, branch or environment (letter case counts).');
      setCause(draft.causes, 'audience', 'medium', undefined, 'The token.actions.githubusercontent.com:aud condition is not "sts.amazonaws.com".');
      setCause(draft.causes, 'provider', 'medium', undefined, 'The account has no IAM OIDC provider for token.actions.githubusercontent.com, or the trust policy names another account’s provider.');
      appendStep(draft, `A trust statement for GitHub Actions (replace OWNER/REPO):\n${githubOidcTrustStatement(account, 'OWNER/REPO')}`);
      appendStep(draft, 'In the workflow, allow the job to request the token:\npermissions:\n  id-token: write\n  contents: read');
    }
  }
  if (entry.code === 'InvalidIdentityToken' || entry.code === 'IDPCommunicationError') {
    if (/couldn't retrieve verification key|could not retrieve verification key/i.test(text)) {
      draft.summary = 'STS could not fetch the identity provider’s signing keys to check the token.';
      setCause(draft.causes, 'keys-unreachable', 'high', 'AWS says it could not retrieve the verification key.', 'STS could not fetch the provider’s JWKS keys (often transient; or the provider is not reachable from the internet).');
      prependStep(draft, 'Retry with backoff; if it persists, check the issuer’s /.well-known/openid-configuration and jwks_uri are publicly reachable.');
    } else if (/No OpenIDConnect provider found/i.test(text)) {
      const issuer = /No OpenIDConnect provider found in (?:your )?account for (\S+?)[.,]?(?:\s|$)/i.exec(text)?.[1];
      draft.summary = `The role’s account has no IAM OIDC provider for ${issuer ?? 'the token issuer'}.`;
      setCause(draft.causes, 'provider-missing', 'high', 'AWS says no OpenID Connect provider matches the token issuer.');
      setCause(draft.causes, 'wrong-account', 'medium', undefined, 'The role ARN points at another account than the one where the provider was created, or the issuer URL changed.');
      const url = issuer !== undefined && /^https:\/\//.test(issuer) ? issuer.replace(/\/$/, '') : 'https://<issuer>';
      // GitHub Actions and EKS (IRSA) tokens are issued for the audience sts.amazonaws.com.
      const audience = /token\.actions\.githubusercontent\.com|oidc\.eks\./.test(url) ? 'sts.amazonaws.com' : '<client-id>';
      setCause(draft.causes, 'audience', 'low');
      draft.nextSteps = [
        'List the OIDC providers in the account: aws iam list-open-id-connect-providers',
        `Create the provider in the role’s account: aws iam create-open-id-connect-provider --url ${url} --client-id-list ${audience}`,
      ];
    } else if (/audience/i.test(text)) {
      setCause(draft.causes, 'audience', 'high', 'AWS says the token audience is wrong.');
    }
  }
  if (entry.code === 'IDPRejectedClaim' && /responded with HTTP/i.test(text)) {
    setCause(draft.causes, 'claim-invalid', 'high', 'The provider answered the verification with an HTTP error.', 'The identity provider rejected the token for this user or application.');
  }
  if (entry.code === 'WebIdentityTokenExpired') {
    const dates = /current date\/time (\d+) must be before the expiration date\/time ?(\d+)/.exec(text);
    if (dates?.[1] !== undefined && dates[2] !== undefined) {
      const late = Number(dates[1]) - Number(dates[2]);
      setCause(draft.causes, 'token-stale', 'high', `The token had expired ${late} s before it was used.`);
    }
    draft.operation ??= 'AssumeRoleWithWebIdentity';
  }
}
