/** Placeholder until the add-server dialog lands: My servers renders it with its open state. */
export function AddServerDialog(_props: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return null;
}
