export * from './secret-store.js';
export { EncryptedFileStore, encryptedFileNames, encryptedFileWarning } from './encrypted-file-store.js';
export { SafeStorageStore, safeStorageFileName } from './safe-storage-store.js';
export { KeyringStore, keyringMarkerFileName, keyringServiceName, probeKeyring, type KeyringBackend, type KeyringProbe } from './keyring-store.js';
export { openSecretStore, parseBackendChoice, secretBackendEnv, type OpenSecretStoreOptions, type SecretBackendChoice } from './open-secret-store.js';
export { createRedactor, redactSecrets, type Redactor, type SecretValue } from './redaction.js';
