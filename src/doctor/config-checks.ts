// Offline checks: the config files parse, and the active profile's chain resolves (resolveProfile itself decides,
// so doctor and every other command agree on what the chain is).
import { maskAccessKeyId } from '../text/mask.js';
import { ExitCode, StsctlError } from '../errors.js';
import type { AwsConfig } from '../profiles/aws-config.js';
import type { ChainLink, Resolution } from '../profiles/types.js';
import { describeLink } from '../render/chain-text.js';
import { fail, pass, warn, type DoctorCheck } from './check.js';

export type Outcome<T> = { readonly value: T } | { readonly error: unknown };

function asStsctlError(error: unknown): StsctlError | undefined {
  return error instanceof StsctlError ? error : undefined;
}

function describeFile(file: AwsConfig['configFile']): string {
  return `${file.path} (${file.exists ? 'found' : 'not found'}, ${file.origin})`;
}

export function checkConfigFiles(loaded: Outcome<AwsConfig>, env: Readonly<Record<string, string | undefined>>): DoctorCheck {
  if ('error' in loaded) {
    const error = asStsctlError(loaded.error);
    if (!error) throw loaded.error;
    return fail('config-files', error.message, error.exitCode, { fix: error.hints });
  }
  const config = loaded.value;
  const details = [describeFile(config.configFile), describeFile(config.credentialsFile)];
  const count = config.profiles.size;
  if (!config.configFile.exists && !config.credentialsFile.exists) {
    const envKeys = Boolean(env['AWS_ACCESS_KEY_ID']);
    const summary = 'Neither ~/.aws/config nor ~/.aws/credentials exists.';
    return envKeys
      ? pass('config-files', `${summary} Environment keys are in use, so none is needed.`, { details })
      : warn('config-files', summary, { details, fix: ['Create a profile: aws configure (keys) or aws configure sso (IAM Identity Center).'] });
  }
  const ignored = config.ignoredSections.length;
  const summary = `Both files parse: ${String(count)} profile${count === 1 ? '' : 's'}.`;
  if (ignored > 0 || config.conflicts.length > 0) {
    return warn('config-files', `${summary} ${[ignored > 0 ? `${String(ignored)} section(s) the AWS CLI ignores` : '', config.conflicts.length > 0 ? `${String(config.conflicts.length)} key(s) set differently in both files` : ''].filter(Boolean).join(', ')}.`, {
      details,
      fix: ['Run stsctl profiles for the details and fixes.'],
    });
  }
  return pass('config-files', summary, { details });
}

function maskLink(link: ChainLink): ChainLink {
  return 'accessKeyId' in link ? { ...link, accessKeyId: maskAccessKeyId(link.accessKeyId) } : link;
}

export function checkProfileChain(resolved: Outcome<Resolution>): DoctorCheck {
  if ('error' in resolved) {
    const error = asStsctlError(resolved.error);
    if (!error) throw resolved.error;
    return fail('profile-chain', error.message, error.exitCode, { fix: [...error.hints, 'stsctl profiles lints every profile.'] });
  }
  const resolution = resolved.value;
  const profile = resolution.profile ? `profile ${resolution.profile.value} (from ${resolution.profile.origin.detail})` : 'no profile';
  if (resolution.chain.length === 0) {
    return fail('profile-chain', `No credentials found for ${profile}: no environment keys, no credentials in the profile, no container or instance metadata.`, ExitCode.credentials, {
      fix: ['Export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pick a profile with credentials: stsctl profiles lists them.'],
    });
  }
  return pass('profile-chain', `${profile} resolves in ${String(resolution.chain.length)} step${resolution.chain.length === 1 ? '' : 's'}.`, {
    details: resolution.chain.map((link, index) => `${String(index + 1)}. ${describeLink(maskLink(link))}`),
  });
}
