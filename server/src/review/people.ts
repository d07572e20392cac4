import { SOLO_ACTOR } from '../auth/actor';
import type { Db } from '../db/create-db';
import type { Person } from './mentions';

/**
 * Who can be mentioned: the accounts of this server (team mode, better-auth's `auth_user`), or
 * the solo person when there are none.
 */
export const peopleOf = (db: Db): Person[] => {
  const rows = db.sqlite
    .prepare('select id, name from auth_user order by created_at, id')
    .all() as Person[];
  return rows.length > 0 ? rows : [{ id: SOLO_ACTOR.id, name: SOLO_ACTOR.name }];
};
