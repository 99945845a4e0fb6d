import type { Database } from 'better-sqlite3';
import { DEFAULT_SETTINGS, settingsSchema, type Settings, type SettingsPatch } from '../../../shared/schemas/settings';

/**
 * Settings in the `settings` table, one JSON value per key. Reads fill in
 * defaults; a stored value that no longer fits its schema reads as the default.
 */
export class SettingsRepository {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  /** The full settings. */
  get(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    const shape = settingsSchema.shape as Record<string, { safeParse: (v: unknown) => { success: boolean; data?: unknown } }>;
    for (const { key, value } of rows) {
      const field = shape[key];
      if (!field) continue;
      const parsed = field.safeParse(JSON.parse(value));
      if (parsed.success) out[key] = parsed.data;
    }
    return settingsSchema.parse(out);
  }

  /** Writes the given keys in one transaction and returns the full settings. */
  set(patch: SettingsPatch): Settings {
    const upsert = this.db.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ' +
        'ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    const at = this.now();
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined) upsert.run(key, JSON.stringify(value), at);
      }
    })();
    return this.get();
  }
}
