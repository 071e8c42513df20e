/** The catalog browser (filled in next). */
export function CatalogPage() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="text-2xl font-semibold tracking-tight">
        Catalog
      </h1>
    </section>
  );
}
