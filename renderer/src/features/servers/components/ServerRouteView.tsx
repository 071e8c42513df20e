import { useParams } from '@tanstack/react-router';
import { ServerPage } from './ServerPage.js';

/** The `/servers/$name` route's page, loaded as its own chunk with the server page's forms. */
export function ServerRouteView() {
  const { name } = useParams({ from: '/servers/$name' });
  // Keyed by name: another server's page starts fresh (its forms, its open section).
  return <ServerPage key={name} name={name} />;
}
