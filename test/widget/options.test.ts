import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHANNEL_TYPES } from '../../src/contract/constants.js';
import { TeaserController, type TeaserHost } from '../../src/widget/teaser.js';
import { channelList, countryOptions, preferredRegion, regionList, texts } from '../../src/widget/options.js';

describe('attribute parsing', () => {
  it('reads channels in the given order, forgiving case, spaces, repeats and unknown names', () => {
    assert.deepEqual(channelList(' Email, phone,fax,email'), ['email', 'phone']);
    assert.deepEqual(channelList('fax'), CHANNEL_TYPES);
    assert.deepEqual(channelList(''), CHANNEL_TYPES);
  });

  it('reads countries, and prefers the country attribute when it is offered', () => {
    assert.deepEqual(regionList('de, fr ,xx'), ['DE', 'FR']);
    assert.ok(regionList('').length > 200);
    assert.equal(preferredRegion('fr', ['DE', 'FR']), 'FR');
    assert.equal(preferredRegion('GB', ['DE', 'FR']), 'DE');
  });

  it('names countries in the visitor\'s language, sorted as that language sorts', () => {
    const options = countryOptions('de', ['AT', 'DE', 'CH']);
    const names = new Intl.DisplayNames(['de'], { type: 'region' });
    assert.deepEqual(options.map((o) => o.label), [`${names.of('DE')} (+49)`, `${names.of('AT')} (+43)`, `${names.of('CH')} (+41)`].sort((a, b) => a.localeCompare(b, 'de')));
  });

  it('fills the business into texts, with no page to ask (as on a server)', () => {
    const en = texts('en', {}, 'Acme');
    assert.match(en.t('consentSms'), /texts from Acme/);
    assert.equal(texts('ar', {}, '').rtl, true);
    assert.equal(texts('xx', { submit: 'Go' }, '').strings.submit, 'Go');
  });
});

describe('TeaserController', () => {
  function host(overrides: Partial<TeaserHost> = {}) {
    let updates = 0;
    const value = {
      teaser: '',
      teaserDelay: 0.01,
      open: false,
      mode: 'floating',
      addController() {},
      removeController() {},
      requestUpdate: () => void updates++,
      updateComplete: Promise.resolve(true),
      ...overrides,
      get updates() {
        return updates;
      },
    };
    return value;
  }
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('shows a teaser set after the element is on the page', async () => {
    const page = host();
    const teaser = new TeaserController(page);
    teaser.hostConnected();
    await wait(30);
    assert.equal(teaser.shown, false, 'no text, no teaser');
    page.teaser = 'Questions? We can text you.';
    teaser.hostUpdated();
    await wait(30);
    assert.equal(teaser.shown, true);
    assert.ok(page.updates > 0);
    teaser.hostDisconnected();
  });

  it('never shows in inline mode or once the panel was opened, and leaves no timer when removed', async () => {
    const inline = new TeaserController(host({ teaser: 'Hi', mode: 'inline' }));
    inline.hostConnected();
    const page = host({ teaser: 'Hi', teaserDelay: 0.05 });
    const teaser = new TeaserController(page);
    teaser.hostConnected();
    page.open = true;
    teaser.hostUpdated();
    page.open = false;
    teaser.hostUpdated();
    const removed = new TeaserController(host({ teaser: 'Hi' }));
    removed.hostConnected();
    removed.hostDisconnected();
    await wait(80);
    assert.deepEqual([inline.shown, teaser.shown, removed.shown], [false, false, false]);
  });
});
