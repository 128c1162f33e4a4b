// Initials on a colour derived from the name: a quick visual anchor for companies and people.
import type { CSSProperties } from 'react';
import './avatar.css';

function hueOf(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h % 360;
}

/** "Green Coffee S.L. #12" -> "GC", "Dana Fischer" -> "DF": the first letters of the first two words that start with one. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  if (words.length === 0) {
    const first = [...name].find((ch) => /[\p{L}\p{N}]/u.test(ch));
    return first ? first.toUpperCase() : '?';
  }
  return words
    .slice(0, 2)
    .map((w) => [...w][0])
    .join('')
    .toUpperCase();
}

export function Avatar({ name, size = 28, round = false, self = false }: { name: string; size?: number; round?: boolean; self?: boolean }) {
  const style = {
    width: size,
    height: size,
    fontSize: Math.max(10, Math.round(size * 0.4)),
    '--avatar-hue': String(hueOf(name)),
  } as CSSProperties;
  return (
    <span className={`avatar${round ? ' avatar-round' : ''}${self ? ' avatar-self' : ''}`} style={style} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}
