import type { KeyStatus, Provider } from '../../../shared/domain/provider';
import type { SecretStore } from '../secrets/secretStore';

const secretName = (providerId: string) => `provider:${providerId}`;

/**
 * Resolves a provider's key: the host's SecretStore first, then the provider's environment variable.
 * Also remembers every key it has seen so logs and errors can be scrubbed of them.
 */
export class ApiKeys {
  private readonly seen = new Set<string>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly env: Readonly<Record<string, string | undefined>>,
  ) {}

  get(provider: Provider): string | null {
    const stored = this.secrets.get(secretName(provider.id));
    const key = stored ?? (provider.apiKeyEnv ? this.env[provider.apiKeyEnv] ?? null : null);
    if (key) this.seen.add(key);
    return key || null;
  }

  set(provider: Provider, key: string, persist: boolean): void {
    this.seen.add(key);
    this.secrets.set(secretName(provider.id), key, { persist });
  }

  clear(provider: Provider): void {
    this.secrets.delete(secretName(provider.id));
  }

  status(provider: Provider): KeyStatus {
    const where = this.secrets.where(secretName(provider.id));
    const key = this.get(provider);
    if (!key) return { hasKey: false, last4: null, storage: 'none' };
    return { hasKey: true, last4: key.length >= 8 ? key.slice(-4) : null, storage: where === 'none' ? 'env' : where };
  }

  /** Replaces any key this process has handled with a mask. */
  scrub(text: string): string {
    let out = text;
    for (const key of this.seen) if (key.length >= 4) out = out.split(key).join('[key removed]');
    return out;
  }
}
