// Initials on a colour derived from the name: a quick visual anchor for companies and people.
import type { CSSProperties } from 'react';

function hueOf(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h % 360;
}

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return '?';
  const first = [...words[0]].find((ch) => /[\p{L}\p{N}]/u.test(ch)) ?? '';
  const second = words.length > 1 ? ([...words[words.length - 1]].find((ch) => /[\p{L}\p{N}]/u.test(ch)) ?? '') : '';
  return (first + second).toUpperCase();
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
