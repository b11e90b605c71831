// Setup shared by the end-to-end suites: credentials files for the emulator's demo principals.
import { demo, type DemoPrincipal } from './emulator/index.js';

/** `~/.aws/credentials` text with a profile named after each principal, holding its long-term keys. */
export function credentialsFor(...principals: readonly DemoPrincipal[]): string {
  return principals
    .map((p) => `[${p.name}]\naws_access_key_id = ${p.accessKeyId}\naws_secret_access_key = ${p.secretAccessKey}\n`)
    .join('\n');
}

/** alice and bob, the two users most suites need. */
export const aliceAndBobCredentials = credentialsFor(demo.alice, demo.bob);
