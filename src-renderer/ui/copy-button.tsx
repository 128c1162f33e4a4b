// A button that copies a value to the clipboard and says so. Falls back to a hidden text area and
// execCommand('copy') where the async clipboard is refused (the desktop app denies web permissions).
import { useEffect, useState } from 'react';
import { Icon } from './icons';

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Denied or unavailable: the old way still works inside a user gesture.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

export function CopyButton({ value, label = 'Copy', testId }: { value: string; label?: string; testId?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1600);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <button
      type="button"
      className="btn btn-small"
      onClick={() => copyText(value).then(() => setState('copied'), () => setState('failed'))}
      aria-label={`${label}: ${value}`}
      data-testid={testId}
    >
      <Icon name={state === 'copied' ? 'check' : 'copy'} size={14} />
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy' : label}</span>
    </button>
  );
}
