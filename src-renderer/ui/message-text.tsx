// A message from the API as text on screen: a part in backticks (a command the message names, such as
// `partnerdeck doctor`) shows as code, without its backticks. Anything else, including a lone backtick, stays
// as it is.
import { Fragment, type ReactNode } from 'react';

export function MessageText({ text }: { text: string }): ReactNode {
  const parts = text.split(/`([^`\n]+)`/);
  if (parts.length === 1) return text;
  return parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : <Fragment key={i}>{part}</Fragment>));
}
