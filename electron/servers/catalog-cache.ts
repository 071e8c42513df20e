import type { Catalog } from '../catalog/catalog-loader.js';

/**
 * The catalog as the settings define it, loaded once and shared by everything that reads it (readiness,
 * launches, the control API); dropped when the settings' sources change or a URL catalog was fetched again.
 */
export class CatalogCache {
  private loading: Promise<Catalog> | undefined;

  constructor(private readonly load: () => Promise<Catalog>) {}

  /** The current catalog; a failed load is not kept, the next call tries again. */
  readonly get = (): Promise<Catalog> => {
    if (!this.loading) {
      const loading = this.load();
      loading.catch(() => {
        if (this.loading === loading) this.loading = undefined;
      });
      this.loading = loading;
    }
    return this.loading;
  };

  invalidate(): void {
    this.loading = undefined;
  }
}
