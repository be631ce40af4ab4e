import { InputError } from '../errors.js';
import type { DanfoDataFrame, DanfoLike } from './types.js';

/**
 * Imports danfojs-node on demand (an optional peer dependency: the library never needs it).
 * Installing it needs two `overrides` in your package.json (see the README, "Data in and out").
 *
 * @returns The danfojs-node module.
 * @throws InputError `INVALID_OPTION` when danfojs-node is not installed, with the install recipe.
 *
 * @example
 * ```ts
 * import { loadDanfo, toDataFrame } from 'loyalty-drivers/dataframe';
 * const dfd = await loadDanfo();
 * const df = toDataFrame([{ driver: 'trust', lmg: 0.21 }], dfd);
 * df.shape; // => [1, 2]
 * ```
 */
export async function loadDanfo(): Promise<DanfoLike<DanfoDataFrame>> {
  const name = 'danfojs-node';
  try {
    return (await import(/* @vite-ignore */ name)) as DanfoLike<DanfoDataFrame>;
  } catch (e) {
    throw new InputError(
      'INVALID_OPTION',
      `danfojs-node is not installed (${(e as Error).message.split('\n')[0]}): add "overrides": { "xlsx": "0.18.5", "@tensorflow/tfjs-node": "npm:@tensorflow/tfjs@3.21.0" } to your package.json, then npm install danfojs-node`,
      {
        argument: 'danfojs-node',
        expected: 'danfojs-node installed',
      },
    );
  }
}
