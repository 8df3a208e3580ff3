import type { KeyStatus, Provider } from '../../../shared/domain/provider';
import type { SecretStore } from '../secrets/secretStore';
import type { SettingsStore } from '../settings/settingsStore';

const secretName = (providerId: string) => `provider:${providerId}`;

/**
 * Resolves a provider's key: the host's SecretStore first, then the provider's environment variable.
 * Also remembers every key it has seen so logs and errors can be scrubbed of them.
 *
 * A project file can be written by anyone, so what it names is not trusted on its own: an environment
 * variable is used only when a person on this computer chose it for that base URL (kept in the app
 * settings, not the project), and a stored key goes only to the base URL it was set for.
 */
export class ApiKeys {
  private readonly seen = new Set<string>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly settings: SettingsStore,
  ) {}

  get(provider: Provider): string | null {
    const key = this.resolve(provider).key;
    if (key) this.seen.add(key);
    return key || null;
  }

  set(provider: Provider, key: string, persist: boolean): void {
    this.seen.add(key);
    this.secrets.set(secretName(provider.id), key, { persist });
    this.bindUrl(provider, provider.baseUrl);
  }

  clear(provider: Provider): void {
    this.secrets.delete(secretName(provider.id));
    this.bindUrl(provider, null);
  }

  /** The person on this computer chose (or allowed) the provider's variable for its current base URL. */
  trustEnv(provider: Provider): void {
    if (!provider.apiKeyEnv) return;
    if (this.envTrusted(provider)) return;
    const settings = this.settings.read();
    this.settings.write({
      ...settings,
      trustedKeyEnvs: [...settings.trustedKeyEnvs, { env: provider.apiKeyEnv, baseUrl: provider.baseUrl }],
    });
  }

  status(provider: Provider): KeyStatus {
    const where = this.secrets.where(secretName(provider.id));
    const { key, heldBack } = this.resolve(provider);
    if (!key) return { hasKey: false, last4: null, storage: 'none', heldBack };
    this.seen.add(key);
    return { hasKey: true, last4: key.length >= 8 ? key.slice(-4) : null, storage: where === 'none' ? 'env' : where, heldBack: null };
  }

  /** Replaces any key this process has handled with a mask. */
  scrub(text: string): string {
    let out = text;
    for (const key of this.seen) if (key.length >= 4) out = out.split(key).join('[key removed]');
    return out;
  }

  private resolve(provider: Provider): { key: string | null; heldBack: KeyStatus['heldBack'] } {
    const name = secretName(provider.id);
    const stored = this.secrets.get(name);
    if (stored) {
      const boundTo = this.settings.read().keyBaseUrls[name];
      // A key stored before keys were bound to an address is bound to the first one it is used with.
      if (boundTo === undefined) this.bindUrl(provider, provider.baseUrl);
      else if (boundTo !== provider.baseUrl)
        return { key: null, heldBack: { reason: 'base-url-changed', env: null, baseUrl: provider.baseUrl } };
      return { key: stored, heldBack: null };
    }
    if (!provider.apiKeyEnv) return { key: null, heldBack: null };
    const value = this.env[provider.apiKeyEnv];
    if (!value) return { key: null, heldBack: null };
    if (!this.envTrusted(provider))
      return { key: null, heldBack: { reason: 'env-not-chosen-here', env: provider.apiKeyEnv, baseUrl: provider.baseUrl } };
    return { key: value, heldBack: null };
  }

  private envTrusted(provider: Provider): boolean {
    return this.settings.read().trustedKeyEnvs.some((t) => t.env === provider.apiKeyEnv && t.baseUrl === provider.baseUrl);
  }

  private bindUrl(provider: Provider, baseUrl: string | null): void {
    const settings = this.settings.read();
    const name = secretName(provider.id);
    const others = Object.fromEntries(Object.entries(settings.keyBaseUrls).filter(([secret]) => secret !== name));
    this.settings.write({ ...settings, keyBaseUrls: baseUrl === null ? others : { ...others, [name]: baseUrl } });
  }
}
