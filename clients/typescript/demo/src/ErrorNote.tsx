/** The last error of a card's action, announced to screen readers; nothing when there is none. */
export function ErrorNote({ error }: { error: string | undefined }) {
  if (error === undefined) return null;
  return (
    <p className="error" role="alert">
      {error}
    </p>
  );
}
