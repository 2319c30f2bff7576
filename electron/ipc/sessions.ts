// In-memory sessions with idle expiry. Tokens never leave the transport (cookie or window binding).
import { randomBytes } from 'node:crypto';
import type { Clock } from '../services/context';

interface Session {
  userId: string;
  lastSeen: number;
}

export type SessionLookup = { status: 'active'; userId: string } | { status: 'expired' } | { status: 'missing' };

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly clock: Clock,
    /** Read on every call, so a changed setting applies at once. */
    private readonly idleTimeoutMs: () => number,
  ) {}

  create(userId: string): string {
    this.forgetExpired();
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { userId, lastSeen: this.clock.now().getTime() });
    return token;
  }

  /** Looks a token up and, when still active, counts this call as activity. */
  touch(token: string | null): SessionLookup {
    if (!token) return { status: 'missing' };
    const session = this.sessions.get(token);
    if (!session) return { status: 'missing' };
    const now = this.clock.now().getTime();
    if (now - session.lastSeen > this.idleTimeoutMs()) {
      this.sessions.delete(token);
      return { status: 'expired' };
    }
    session.lastSeen = now;
    return { status: 'active', userId: session.userId };
  }

  /** Looks a token up without counting it as activity: a live-events stream must not keep an idle session alive. */
  peek(token: string | null): SessionLookup {
    if (!token) return { status: 'missing' };
    const session = this.sessions.get(token);
    if (!session) return { status: 'missing' };
    if (this.clock.now().getTime() - session.lastSeen > this.idleTimeoutMs()) return { status: 'expired' };
    return { status: 'active', userId: session.userId };
  }

  end(token: string | null): void {
    if (token) this.sessions.delete(token);
  }

  endAllFor(userId: string): void {
    for (const [token, session] of this.sessions) {
      if (session.userId === userId) this.sessions.delete(token);
    }
  }

  /** Idle sessions are otherwise only dropped when their token comes back; a long-running server would keep them all. */
  private forgetExpired(): void {
    const now = this.clock.now().getTime();
    const idleMs = this.idleTimeoutMs();
    for (const [token, session] of this.sessions) {
      if (now - session.lastSeen > idleMs) this.sessions.delete(token);
    }
  }

  get size(): number {
    return this.sessions.size;
  }
}
