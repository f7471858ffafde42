import { splitMarked } from "~/domain/learning-search/markers";

/**
 * Text from a search hit, with matched words in <mark>. The text is only ever rendered as text
 * nodes, so nothing a user wrote can become markup.
 */
export function MarkedText({ text }: { text: string }) {
  return (
    <>
      {splitMarked(text).map((part, i) =>
        part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </>
  );
}
