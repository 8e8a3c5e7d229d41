// By when (issue 19): each step's due date and where it stands, moving a
// date, the schedule, and the calendar file — against the release build in
// real headless Chromium over HTTP, with the page's clock set (nothing waits
// for a day to pass) and the browser in Japan time. The downloaded .ics is
// read back by ical.js, Mozilla's iCalendar parser (Thunderbird's).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import ICAL from 'ical.js';
import { appReady, axe, servedSite, sites, startRunHere, storedProgress, watchedPage } from './support.mjs';

const site = sites[0];
const PLAYBOOK = 'hr-inquiry-desk';
/** Monday 4 January 2027, 09:00 in Tokyo. */
const MONDAY = new Date('2027-01-04T09:00:00+09:00');

describe('due dates, the schedule and the calendar file', () => {
  const served = servedSite(site, { acceptDownloads: true, timezoneId: 'Asia/Tokyo' });
  const url = served.url;

  test('a step shows its date and where it stands; past it, 期限切れ; moving it keeps who did it; the schedule and a reload agree', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    await page.clock.install({ time: MONDAY });
    await page.goto(url(`p/${PLAYBOOK}/`));
    await appReady(page);
    // The playbook's page reads the guide without the app.
    assert.equal(
      await page.locator('#step-collect-inquiries .due').textContent(),
      '期限の目安：棚卸しの開始から 5 営業日',
    );
    // A name with iCalendar's special characters and a payload: text everywhere.
    const name = '人事, 2027; <img src=x onerror="window.__owned=1"> \\ 窓口';
    const run = await startRunHere(page, name);
    const runUrl = url(`p/${PLAYBOOK}/?run=${run}`);

    const due = page.locator('.guided .step-panel [data-testid=step-due]');
    assert.equal(await due.locator('.due-when').textContent(), '期限：2027年1月11日(月) 期限内');
    assert.equal(await due.getAttribute('data-state'), 'on-track');
    assert.equal(await due.locator('.due-guide').textContent(), '棚卸しの開始から 5 営業日');
    assert.equal(await page.getByTestId('due-alerts').count(), 0, 'nothing late, nothing said');

    // A week later, with the first step still open: past its date.
    await page.clock.setSystemTime(new Date('2027-01-12T10:00:00+09:00'));
    await page.reload();
    await due.waitFor();
    assert.equal(await due.getAttribute('data-state'), 'overdue');
    assert.match(await due.locator('.due-when').textContent(), /期限切れ$/);
    assert.equal(await page.getByTestId('due-alerts').textContent(), '期限切れ 1 件');

    // The dashboard says it too: the next step's date, late, and how many
    // steps are; sorted by lateness, the late run comes first.
    await page.goto(url('dashboard/'));
    await appReady(page);
    const dashRow = page.locator(`[data-testid=dash-row][data-run="${run}"]`);
    const nextDue = dashRow.getByTestId('next-due');
    assert.equal(await nextDue.textContent(), '期限：2027年1月11日(月) 期限切れ');
    assert.equal(await nextDue.getAttribute('data-state'), 'overdue');
    assert.equal(await dashRow.getByTestId('dash-alerts').textContent(), '期限切れ 1 件');
    await page.getByLabel('並べ替え').selectOption({ label: '期限切れの多い順' });
    assert.equal(await page.getByTestId('dash-row').first().getAttribute('data-run'), run);
    assert.deepEqual(await axe(page), []);
    await page.goto(runUrl);
    await due.waitFor();

    // The team moves it to tomorrow: soon due, marked as moved.
    await due.locator('summary').click();
    await due.getByLabel('日付を変える').fill('2027-01-13');
    await due.getByText('期限を保存しました。').waitFor();
    assert.equal(await due.getAttribute('data-state'), 'soon');
    assert.equal(await due.locator('.due-when').textContent(), '期限：2027年1月13日(水) まもなく期限');
    assert.equal(await due.locator('.due-guide').textContent(), '棚卸しの開始から 5 営業日（チームが変更）');
    assert.equal(await page.getByTestId('due-alerts').textContent(), 'まもなく期限 1 件');

    // The schedule: starts, every step, the repeating ones by their next time.
    await page.getByTestId('schedule-link').click();
    const schedule = page.getByTestId('schedule');
    await schedule.waitFor();
    const row = (step) => schedule.locator(`li[data-step="${step}"]`);
    assert.equal(await schedule.locator('li[data-step]').count(), 14);
    assert.equal(await row('collect-inquiries').getAttribute('data-state'), 'soon');
    assert.match(await row('inquiry-worksheet').locator('.when').textContent(), /^期限：2027年1月18日\(月\) 期限内$/);
    assert.equal(await schedule.getByTestId('start-run').locator('input').inputValue(), '2027-01-04');
    assert.equal(await schedule.getByTestId('start-pilot').locator('.start-from').textContent(), '予定（前のフェーズの最後の期限か今日）');
    // The pilot starts on 1 February: its monthly steps count from there.
    await schedule.getByLabel('パイロットの開始日').fill('2027-02-01');
    await schedule.getByTestId('start-pilot').getByText('期限を保存しました。').waitFor();
    assert.equal(await schedule.getByTestId('start-pilot').locator('.start-from').textContent(), 'チームが設定');
    assert.equal(await row('record-pilot-metrics').locator('.when').textContent(), '次回：2027年3月1日(月) 期限内');
    assert.equal(await row('approve-rollout').locator('.when').textContent(), '期限：2027年5月10日(月) 期限内');
    assert.deepEqual(await axe(page), []);

    // Kept, and the history says what was moved.
    await page.reload();
    await schedule.waitFor();
    assert.equal(await row('record-pilot-metrics').locator('.when').textContent(), '次回：2027年3月1日(月) 期限内');
    const stored = (await storedProgress(page)).runs.find((r) => r.id === run);
    assert.deepEqual(stored.dates.steps['collect-inquiries'].value, '2027-01-13');
    assert.deepEqual(stored.dates.phases.pilot.value, '2027-02-01');
    await page.getByTestId('history-link').click();
    await page.getByTestId('history').waitFor();
    const history = await page.getByTestId('history').textContent();
    assert.match(history, /期限を2027年1月13日にした/);
    assert.match(history, /パイロットの開始日を2027年2月1日にした/);

    // The calendar file: every date, read back by a real iCalendar parser.
    await page.goto(`${runUrl}&view=schedule`);
    await schedule.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ics-download').click()]);
    assert.match(download.suggestedFilename(), /^tebiki-人事, 2027; _img src=x [^/\\<>"]*\.ics$/);
    const ics = readFileSync(await download.path(), 'utf8');
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
    assert.ok(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75), 'folded at 75 octets');
    const calendar = new ICAL.Component(ICAL.parse(ics));
    assert.equal(calendar.getFirstPropertyValue('method'), 'PUBLISH');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    assert.equal(events.length, 14, 'one event per step with a date');
    assert.equal(new Set(events.map((e) => e.uid)).size, 14, 'each its own UID');
    const byStep = Object.fromEntries(events.map((e) => [e.uid.split('.')[1].replace(/@tebiki$/, ''), e]));
    // Deadlines are all-day dates: no zone can move them.
    assert.equal(byStep['collect-inquiries'].startDate.toString(), '2027-01-13');
    assert.ok(byStep['collect-inquiries'].startDate.isDate);
    assert.equal(byStep['collect-inquiries'].summary, `問い合わせの記録を集める（${name}）`, 'escaped and read back exactly');
    assert.equal(byStep['approve-rollout'].startDate.toString(), '2027-05-10');
    // The monthly step repeats three times, on the dates the schedule shows.
    const times = [];
    const it = byStep['record-pilot-metrics'].iterator();
    for (let next = it.next(); next; next = it.next()) times.push(next.toString());
    assert.deepEqual(times, ['2027-03-01', '2027-04-01', '2027-05-01']);
    assert.ok(byStep['collect-inquiries'].component.getFirstSubcomponent('valarm'), 'a reminder the day before');
    assert.match(byStep['collect-inquiries'].description, new RegExp(`${runUrl.replace(/[.?]/g, '\\$&')}$`));
    // Every date in the file is the date the schedule shows.
    const iso = (text) => {
      const [, y, m, d] = /(\d{4})年(\d+)月(\d+)日/.exec(text);
      return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    };
    for (const [step, event] of Object.entries(byStep)) {
      if (event.isRecurring()) continue;
      assert.equal(event.startDate.toString(), iso(await row(step).locator('.when').textContent()), step);
    }
    assert.equal(await page.evaluate(() => window.__owned), undefined, 'nothing typed runs');
    assert.equal(await page.locator('img[src=x]').count(), 0);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the monthly review gets a meeting time: shown with its date, logged, and a timed event in Japan time in the calendar', async () => {
    const { page, problems } = await watchedPage(served.browser.context);
    await page.clock.install({ time: MONDAY });
    await page.goto(url(`p/${PLAYBOOK}/`));
    await appReady(page);
    const run = await startRunHere(page, '人事部 定例');
    const runUrl = url(`p/${PLAYBOOK}/?run=${run}`);
    await page.goto(`${runUrl}&step=record-pilot-metrics`);
    const due = page.locator('.guided .step-panel [data-testid=step-due]');
    await due.waitFor();
    const before = await due.locator('.due-when').textContent();
    assert.match(before, /^次回：2027年\d+月\d+日\(.\) 期限内$/, 'no time until the team sets one');
    await due.locator('summary').click();
    const meeting = due.getByTestId('meeting');
    await meeting.getByLabel('長さ').selectOption('90');
    assert.equal(await meeting.locator('[role=status]').textContent(), '', 'a length alone sets nothing');
    await meeting.getByLabel('開始時刻（日本時間）').fill('17:30');
    await meeting.getByText('会議の時刻を保存しました。').waitFor();
    assert.equal(await due.locator('.due-when').textContent(), before.replace(' 期限内', ' 17:30〜19:00 期限内'));
    assert.deepEqual(await axe(page), []);

    // Kept across a reload, and in the history.
    await page.reload();
    await due.waitFor();
    assert.match(await due.locator('.due-when').textContent(), / 17:30〜19:00 期限内$/);
    const stored = (await storedProgress(page)).runs.find((r) => r.id === run);
    assert.deepEqual(stored.dates.meetings['record-pilot-metrics'].value, { at: '17:30', minutes: 90 });
    await page.goto(`${runUrl}&view=history`);
    await page.getByTestId('history').waitFor();
    assert.match(await page.getByTestId('history').textContent(), /会議の時刻を17:30〜19:00にした/);

    // The calendar: the meeting at 17:30 Tokyo (08:30 UTC) for 90 minutes,
    // monthly, with the zone defined; the other steps stay all-day.
    await page.goto(`${runUrl}&view=schedule`);
    const schedule = page.getByTestId('schedule');
    await schedule.waitFor();
    assert.match(
      await schedule.locator('li[data-step="record-pilot-metrics"] .when').textContent(),
      /^次回：.* 17:30〜19:00 期限内$/,
    );
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ics-download').click()]);
    const ics = readFileSync(await download.path(), 'utf8');
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const zone = calendar.getFirstSubcomponent('vtimezone');
    assert.equal(zone.getFirstPropertyValue('tzid'), 'Asia/Tokyo');
    ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const review = events.find((e) => e.uid === `${run}.record-pilot-metrics@tebiki`);
    assert.ok(!review.startDate.isDate, 'a meeting has a time');
    assert.equal(review.startDate.zone.tzid, 'Asia/Tokyo');
    assert.equal(review.startDate.toUnixTime() % 86400, 8 * 3600 + 30 * 60, '17:30 in Tokyo is 08:30 UTC');
    assert.equal(review.endDate.toUnixTime() - review.startDate.toUnixTime(), 90 * 60);
    const iso = (text) => {
      const [, y, m, d] = /(\d{4})年(\d+)月(\d+)日/.exec(text);
      return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    };
    assert.equal(review.startDate.toString().slice(0, 10), iso(before), 'on the date the step shows');
    assert.ok(review.isRecurring());
    assert.equal(review.component.getFirstSubcomponent('valarm').getFirstPropertyValue('trigger').toString(), '-PT15M');
    const other = events.find((e) => e.uid === `${run}.collect-inquiries@tebiki`);
    assert.ok(other.startDate.isDate, 'a deadline stays all-day');

    // Removing the time makes it a deadline again.
    await page.goto(`${runUrl}&step=record-pilot-metrics`);
    await due.waitFor();
    await due.locator('summary').click();
    await due.getByRole('button', { name: '時刻を外す' }).click();
    await due.getByText('会議の時刻を保存しました。').waitFor();
    assert.equal(await due.locator('.due-when').textContent(), before);
    assert.equal(await meeting.getByLabel('開始時刻（日本時間）').inputValue(), '');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
