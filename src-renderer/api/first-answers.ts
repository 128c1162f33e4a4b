// The first screen's answers the launch trade brought (issue 18 cold start; the console's side is
// src-main/host/first-answers.ts): the HTTP client answers a call from here instead of over the wire when it is
// one of them — the same method and input, as Self — once each, and only while the console has pushed no change
// since they were made. Any pushed event ends them (the rest are asked over the wire); an event stream that opens
// at another count of changes than theirs means a change was missed: the answers not used yet are dropped, and
// the caller reloads what was shown from them (`stale`, as after a dropped stream).
import { callKey, type FirstAnswers } from '../../src-shared/api/first-screen';
import type { CallReply } from '../../src-shared/api/ipc';

export interface FirstAnswerTable {
  /** The carried reply for this call (then forgotten), or undefined: ask the console. */
  take(method: string, input: unknown, acting: number | null): CallReply | undefined;
  /** A pushed change arrived: nothing left here is current. */
  drop(): void;
  /** The event stream opened at `seq` changes: true when answers already used were made before a missed change. */
  streamOpened(seq: number): boolean;
}

export function firstAnswerTable(first: FirstAnswers | undefined): FirstAnswerTable {
  const left = new Map((first?.replies ?? []).map((r) => [callKey(r.method, r.input), r.reply]));
  let used = false;
  let checked = false;
  return {
    take(method, input, acting) {
      if (acting !== null || left.size === 0) return undefined;
      const key = callKey(method, input);
      const reply = left.get(key);
      if (reply === undefined) return undefined;
      left.delete(key);
      used = true;
      return reply;
    },
    drop() {
      left.clear();
    },
    streamOpened(seq) {
      if (checked || first === undefined) return false;
      checked = true;
      if (seq === first.seq) return false;
      left.clear();
      return used;
    },
  };
}
