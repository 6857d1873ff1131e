import { VibeApp } from '../src';
import { tempDir } from './helpers/render';

/**
 * The compiler carries the rules it can: this file is type-checked by the test task
 * (`tsc -p test`), so each @ts-expect-error fails the build if the type stops rejecting it.
 * At run time zod rejects the same values.
 */
describe('types carry the rules the compiler can check', () => {
  it('fails on a literal latest tag at compile time and at run time', () => {
    expect(
      () =>
        new VibeApp({
          slug: 'shop',
          // @ts-expect-error 'latest' is not an immutable tag
          image: { repository: 'shop', tag: 'latest' },
          outdir: tempDir(),
        }),
    ).toThrow(/image.tag: got "latest"/);
  });

  it('fails on an unknown size at compile time and at run time', () => {
    expect(
      () =>
        new VibeApp({
          slug: 'shop',
          image: { repository: 'shop', tag: 'a3f91bc' },
          // @ts-expect-error 'huge' is not a t-shirt size
          size: 'huge',
          outdir: tempDir(),
        }),
    ).toThrow(/size: got "huge"/);
  });

  it('fails on an unknown component at compile time and at run time', () => {
    expect(
      () =>
        new VibeApp({
          slug: 'shop',
          image: { repository: 'shop', tag: 'a3f91bc' },
          // @ts-expect-error kafka is not a platform component
          components: { kafka: true },
          outdir: tempDir(),
        }),
    ).toThrow(/components.kafka: unknown field/);
  });

  it('accepts a commit SHA typed as a plain string (checked at run time)', () => {
    const tag: string = 'a3f91bc';
    expect(new VibeApp({ slug: 'shop', image: { repository: 'shop', tag }, outdir: tempDir() }).model.appImage).toMatch(/:a3f91bc$/);
  });
});
