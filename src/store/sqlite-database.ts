import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { GroupCommit } from './group-commit';
import { migrations } from './sqlite-migrations';
import { StoreError } from './store-error';
import { WalSync } from './wal-sync';

/**
 * What a failed store call means for the person running the server, from SQLite's error code; an
 * error that is not SQLite's is returned as it is.
 */
function storeFailure(error: unknown): StoreError | undefined {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  if (code === 'SQLITE_FULL') return new StoreError('database_full', "the server's database is full: the operator must free disk space or raise --max-db-bytes");
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return new StoreError('database_corrupt', "the server's database is damaged: the operator must restore it from a backup or start a new --db file");
  if (code.startsWith('SQLITE_READONLY')) return new StoreError('database_readonly', "the server's database is read-only: the operator must make the --db file writable");
  return new StoreError('database_io', `the server's database failed (${code}): try again shortly`);
}

/**
 * better-sqlite3's native binding from another path when LOSS_TUTOR_SQLITE_BINDING names one (a
 * binding built elsewhere for this platform); its own build folder otherwise.
 */
function driverOptions(): Database.Options {
  const nativeBinding = process.env['LOSS_TUTOR_SQLITE_BINDING'];
  return nativeBinding ? { nativeBinding } : {};
}

/** The driver's compiled part missing or built for another Node.js: no folder or file is at fault. */
function bindingFailure(error: unknown): StoreError | undefined {
  const message = error instanceof Error ? error.message : '';
  const code = (error as { code?: unknown }).code;
  if (code !== 'ERR_DLOPEN_FAILED' && !/bindings file|\.node\b|NODE_MODULE_VERSION/.test(message)) return undefined;
  return new StoreError('database_driver_missing', 'the SQLite driver\'s native binding did not load: reinstall with "npm ci" or run "npm rebuild better-sqlite3"');
}

function newDatabase(file: string): Database.Database {
  try {
    return new Database(file, driverOptions());
  } catch (error) {
    throw bindingFailure(error) ?? error;
  }
}

/** Opens the file, naming the cause and the fix instead of SQLite's or the file system's raw code. */
function openDatabase(file: string): Database.Database {
  if (file === ':memory:') return newDatabase(file);
  const isFolder = (() => {
    try {
      return statSync(file).isDirectory();
    } catch {
      return false;
    }
  })();
  if (isFolder) throw new StoreError('database_unopenable', `the database path ${file} is a folder: pass a file with --db (or LOSS_TUTOR_DB), e.g. --db ${join(file, 'loss-tutor.db')}`);
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new StoreError('database_unopenable', `cannot create the folder ${dirname(file)} for the database (${why === 'ENOTDIR' || why === 'EEXIST' ? 'a file is in the way' : 'not allowed'}): pass a writable place with --db FILE or LOSS_TUTOR_DB`);
  }
  try {
    const db = newDatabase(file);
    db.pragma('journal_mode = WAL');
    return db;
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw new StoreError('database_corrupt', `${file} is not a loss-tutor database or is damaged: move it aside (or restore a backup), or pass another --db file`);
    if (code?.startsWith('SQLITE_READONLY')) throw new StoreError('database_readonly', `${file} cannot be written: make it and its folder writable, or pass another --db file`);
    throw new StoreError('database_unopenable', `cannot open the database ${file}: check that its folder is writable, or pass another --db file`);
  }
}

/** The version read under the write lock: processes opening one new file together migrate it once. */
function migrate(db: Database.Database, file: string): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > migrations.length) {
      throw new StoreError('database_newer', `${file} was written by a newer loss-tutor (schema ${version}, this one knows ${migrations.length}): upgrade loss-tutor or use another --db file.`);
    }
    for (let step = version; step < migrations.length; step++) db.exec(migrations[step]!);
    db.pragma(`user_version = ${migrations.length}`);
  }).immediate();
}

export interface SqliteDatabase {
  /** The connection, for preparing statements; its calls run only inside `read` or `write`. */
  readonly connection: Database.Database;
  /** Runs `work` as a savepoint of the pass's group transaction; resolves once that has committed. */
  write<T>(work: () => T): Promise<T>;
  read<T>(work: () => T): Promise<T>;
  close(): Promise<void>;
}

/**
 * One SQLite file shared by the stores on it (sessions, and whatever else the schema holds), with its
 * schema migrated. WAL lets the server read while it writes; each committed write survives a power
 * cut, not only a crash, before its writer hears of it (the WAL is synced for the group of writes,
 * off this thread: WalSync says why), which group commit keeps affordable.
 */
export function openSqliteDatabase(file: string, options: { maxBytes?: number } = {}): SqliteDatabase {
  const db = openDatabase(file);
  const wal = file === ':memory:' ? undefined : new WalSync(file);
  try {
    // The syncs and checkpoints are WalSync's: this connection checkpoints only as it closes.
    db.pragma(wal ? 'synchronous = NORMAL' : 'synchronous = FULL');
    if (wal) db.pragma('wal_autocheckpoint = 0');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (options.maxBytes !== undefined) db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxBytes / (db.pragma('page_size', { simple: true }) as number)))}`);
    migrate(db, file);
  } catch (error) {
    db.close();
    throw storeFailure(error) ?? error;
  }
  // Inside the group's transaction each write is a savepoint of its own, so one that throws is undone alone.
  const commits = new GroupCommit((work) => db.transaction(work)(), wal ? () => wal.sync() : undefined);
  let closed: Promise<void> | undefined;
  return {
    connection: db,
    write: (work) => commits.run(db.transaction(work)).catch(rejectAsStoreError),
    async read(work) {
      try {
        return work();
      } catch (error) {
        return rejectAsStoreError(error);
      }
    },
    close() {
      // Writes already asked for are flushed on this pass's setImmediate; close after them.
      closed ??= new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => wal?.close())
        .then(() => void db.close());
      return closed;
    },
  };
}

function rejectAsStoreError(error: unknown): never {
  throw storeFailure(error) ?? error;
}
