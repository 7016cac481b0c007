import type { Department, Role } from './departments.js';

/** A logged-in department user: who acts, for which department, in which role, until when. */
export interface UserSession {
  token: string;
  username: string;
  department: Department;
  role: Role;
  expiresAt: Date;
}
