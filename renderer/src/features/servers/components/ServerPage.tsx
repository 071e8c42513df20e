/** Placeholder until the server page lands: the route /servers/$name renders this. */
export function ServerPage({ name }: { name: string }) {
  return <h1>{name}</h1>;
}
