import { createNetwork, type Entity } from '@musubi/core';
import { Replica } from '@musubi/core/client';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../testing/render-with-app.js';
import { SyncIndicator } from './SyncIndicator.js';

const now = () => new Date('2026-12-02T00:00:00Z');

/** A server's network with the prefecture on it, a replica of it for suzuki, and tanaka writing on the server. */
function serverAndReplica() {
  const server = createNetwork({ author: 'admin', now });
  server.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' }, country: 'JP' });
  const replica = new Replica({ snapshot: server.snapshot(), author: 'suzuki', now });
  server.setAuthor('tanaka');
  return { server, replica };
}

/** suzuki and tanaka both change the prefecture's notes; tanaka's reaches the server first. */
function conflicting() {
  const { server, replica } = serverAndReplica();
  replica.updateEntity('mie', { notes: '知事表敬の調整中（鈴木）' });
  server.updateEntity('mie', { notes: '窓口は国際課（田中）' });
  replica.receive(server.log().slice(-1));
  return { server, replica };
}

describe('the sync indicator', () => {
  it('says saved, then how many changes wait to be sent, then offline, in Japanese and English', async () => {
    const { replica } = serverAndReplica();
    const screen = await renderWithApp(<SyncIndicator replica={replica} server="http://musubi.test/" />, {
      network: replica,
    });
    await expect.element(screen.getByText('保存済み')).toBeVisible();
    replica.updateEntity('mie', { notes: 'a' });
    replica.updateEntity('mie', { notes: 'b' });
    await expect.element(screen.getByText('送信待ち 2 件')).toBeVisible();
    replica.setConnection('offline');
    await expect.element(screen.getByText('オフライン')).toBeVisible();
    expect(screen.getByText('オフライン').element().getAttribute('title')).toContain('送信待ち 2 件');

    const english = await renderWithApp(<SyncIndicator replica={replica} server="http://musubi.test/" />, {
      network: replica,
      lang: 'en',
    });
    await expect.element(english.getByText('Offline')).toBeVisible();
    replica.setConnection('online');
    await expect.element(english.getByText('2 to send')).toBeVisible();
  });

  it('shows a conflict with both versions field by field, and applies mine again on the current record', async () => {
    const { replica } = conflicting();
    expect(replica.syncState).toMatchObject({ status: 'conflict', conflicts: 1 });
    // the user's change is off the records until they choose
    expect(replica.entity('mie')?.notes).toBe('窓口は国際課（田中）');
    const screen = await renderWithApp(<SyncIndicator replica={replica} server="http://musubi.test/" />, {
      network: replica,
    });
    await screen.getByRole('button', { name: '競合 1 件' }).click();
    const dialog = screen.getByRole('dialog', { name: '競合した変更' });
    await expect.element(dialog).toBeVisible();
    const notes = dialog.getByRole('row').filter({ hasText: 'メモ' });
    await expect.element(notes).toBeVisible();
    const [field, mine, current] = [...notes.element().children].map((cell) => cell.textContent);
    expect([field, mine, current]).toEqual([
      'メモ (異なる)',
      '知事表敬の調整中（鈴木）',
      '窓口は国際課（田中）',
    ]);
    expect(notes.element().className).toBe('differs');
    expect(dialog.getByRole('row').filter({ hasText: '種類' }).element().className).toBe('');

    await dialog.getByRole('button', { name: '自分の変更を今の記録に適用する' }).click();
    await expect.element(screen.getByText('送信待ち 1 件')).toBeVisible();
    expect(replica.entity('mie')?.notes).toBe('知事表敬の調整中（鈴木）');
    expect(replica.setAside()).toEqual([]);
    // a new change on top of tanaka's: the server will take it
    const [again] = replica.outbox().changes;
    const effect = again?.effects[0];
    expect(effect?.type === 'update' && (effect.before as Entity).notes).toBe('窓口は国際課（田中）');
  });

  it('drops mine when asked: the current record stays and nothing is left to send', async () => {
    const { replica } = conflicting();
    const screen = await renderWithApp(<SyncIndicator replica={replica} server="http://musubi.test/" />, {
      network: replica,
      lang: 'en',
    });
    await screen.getByRole('button', { name: '1 conflicts' }).click();
    const dialog = screen.getByRole('dialog', { name: 'Conflicting changes' });
    await expect.element(dialog.getByRole('columnheader', { name: 'Your version' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Drop mine' }).click();
    await expect.element(screen.getByText('Saved')).toBeVisible();
    expect(replica.entity('mie')?.notes).toBe('窓口は国際課（田中）');
    expect(replica.pending()).toEqual([]);
    expect(replica.setAside()).toEqual([]);
  });
});
