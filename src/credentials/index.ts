// Public surface of the credential output formats.
export {
  type CredentialFormat,
  type ShellFormat,
  credentialFormats,
  shellFormats,
  isShellFormat,
  parseCredentialFormat,
  detectFormat,
} from './credential-format.js';
export {
  type ExportableCredentials,
  type FormatExportsOptions,
  staleCredentialVariables,
  regionVariables,
  formatRfc3339Utc,
  formatExports,
  collectAssignments,
  formatUnset,
  formatCmdSet,
  quoteSh,
  quoteFish,
  quotePowerShell,
  quoteDotenv,
} from './format-exports.js';
