// Access: API keys (create, check) and signed share links for report runs.
export { checkApiKey, createApiKey, hashKey, keyIdOf, parseScopes, type KeyCheck } from './api-keys.ts'
export {
  loadShareSecret,
  newShareNonce,
  shareTokenRunId,
  signShareToken,
  verifyShareToken,
} from './share-link.ts'
