// No credentials: the chain found nothing. Adds what the text or context says about where it looked: the
// metadata fallback off AWS, a GitHub Actions job without the id-token permission, Terraform without a profile.
import { setCause } from '../cause.js';
import { appendStep, prependStep, type RefineInput } from '../draft.js';
import { mentionsMetadataHost } from '../phrases.js';

export function refineNoCredentials({ draft, facts, context, entry }: RefineInput): void {
  const text = facts.text;
  if (entry.code === 'NoCredentials' && mentionsMetadataHost(text)) {
    setCause(draft.causes, 'off-aws', 'high', 'The last provider tried was the EC2/ECS metadata endpoint, which is only reachable on AWS compute.');
  }
  if (facts.source === 'github-actions' || /action inputs|configure-aws-credentials/i.test(text)) {
    draft.summary = 'The GitHub Actions job could not obtain AWS credentials.';
    setCause(
      draft.causes,
      'gha-id-token',
      'high',
      'Printed by aws-actions/configure-aws-credentials.',
      'The job lacks `permissions: id-token: write`, so no OIDC token could be exchanged (or neither role-to-assume nor access keys were given).',
    );
    for (const id of ['nothing-configured', 'profile-not-selected', 'env-not-passed', 'off-aws']) setCause(draft.causes, id, 'low');
    prependStep(draft, 'Allow the job to request an OIDC token, and pass the role:\npermissions:\n  id-token: write\n  contents: read\n…\n  with:\n    role-to-assume: arn:aws:iam::ACCOUNT_ID:role/NAME\n    aws-region: us-east-1');
  }
  if (facts.source === 'terraform') {
    setCause(draft.causes, 'terraform-profile', 'medium', 'Printed by the Terraform AWS provider.', 'The provider block does not name the profile (profile = "NAME") and AWS_PROFILE is not exported to Terraform.');
  }
  if (/invalid host|AWS_CONTAINER_CREDENTIALS_FULL_URI/i.test(text)) {
    setCause(draft.causes, 'container-uri', 'high', 'The message mentions the container credentials URI.', 'AWS_CONTAINER_CREDENTIALS_FULL_URI is set to a host the SDK refuses.');
  }
  if (/sudo/i.test(text)) setCause(draft.causes, 'env-not-passed', 'high', 'The command ran under sudo, which drops AWS_* variables and uses root’s ~/.aws.');
  if (context.profile !== undefined) {
    setCause(draft.causes, 'profile-empty', 'high', `Profile ${context.profile} was selected.`, `Profile ${context.profile} has no usable credentials (no keys, role, SSO or process).`);
    setCause(draft.causes, 'nothing-configured', 'medium');
  }
  if (entry.code === 'InstanceMetadataUnreachable' && !/169\.254\.170\.2/.test(text)) {
    appendStep(draft, 'On EC2, attach an instance profile: aws ec2 associate-iam-instance-profile --instance-id <id> --iam-instance-profile Name=<profile>');
  }
}
