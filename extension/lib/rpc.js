// Extension pages talk to the worker through messages only (it owns all storage).
import { ext } from './browser.js';

export async function ask(id, fields = {}) {
  const answer = await ext.runtime.sendMessage({ id, ...fields });
  if (!answer?.ok) throw new Error(answer?.error ?? 'no answer from the background worker');
  return answer.result;
}
