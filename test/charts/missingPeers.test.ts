// renderSvg and renderReport when the optional peers vega / vega-lite are absent: the importer is
// replaced (vegaPeers.load) by one that fails as Node does for a package that is not installed
// (ERR_MODULE_NOT_FOUND), so these tests pass only if the typed error is raised. The real case,
// a bare install without the peers, is checked by test/package/pack.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { vegaPeers } from '../../src/charts/renderSvg.js';
import { npsDistributionChart, renderSvg } from '../../src/charts/index.js';
import { InputError } from '../../src/errors.js';

const realLoad = vegaPeers.load;
afterEach(() => {
  vegaPeers.load = realLoad;
});

function without(missing: string): void {
  vegaPeers.load = (name) => {
    if (name !== missing) return realLoad(name);
    const error = new Error(`Cannot find package '${name}' imported from /app/node_modules/loyalty-drivers/dist/charts.js`) as Error & {
      code: string;
    };
    error.code = 'ERR_MODULE_NOT_FOUND';
    return Promise.reject(error);
  };
}

describe('renderSvg without its optional peers', () => {
  for (const missing of ['vega', 'vega-lite']) {
    it(`throws InputError MISSING_DEPENDENCY naming ${missing} and the install command`, async () => {
      without(missing);
      const error = await renderSvg(npsDistributionChart([10, 9, 3])).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).code).toBe('MISSING_DEPENDENCY');
      expect((error as InputError).location.argument).toBe(missing);
      expect((error as InputError).message).toContain(`needs ${missing}`);
      expect((error as InputError).message).toContain('npm install vega vega-lite');
    });
  }

  it('passes on any other import failure unchanged (a broken install is not a missing one)', async () => {
    const broken = new SyntaxError('Unexpected token in vega-lite/build/index.js');
    vegaPeers.load = () => Promise.reject(broken);
    await expect(renderSvg(npsDistributionChart([10, 9, 3]))).rejects.toBe(broken);
  });

  it('checks its arguments before importing anything', async () => {
    without('vega');
    const error = await renderSvg(null as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as InputError).code).toBe('INVALID_OPTION');
  });

  it('renders once the peers load (the real importer)', async () => {
    const svg = await renderSvg(npsDistributionChart([10, 9, 3]));
    expect(svg.startsWith('<svg')).toBe(true);
  });
});
