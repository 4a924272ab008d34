import { AUTH_BAD, AUTH_OK } from "./spec.js";

/** One line of the corpus: a fresh server, one connection, these text frames in order. */
export interface Case {
  id: string;
  frames: string[];
}

/** The frames on a connection that has not authenticated, has, and has lost it by a failed auth. */
export function authStates(id: string, frames: string[], withFailed = false): Case[] {
  const cases = [
    { id: `${id}/before-auth`, frames },
    { id: `${id}/after-auth`, frames: [AUTH_OK, ...frames] },
  ];
  if (withFailed) cases.push({ id: `${id}/after-failed-auth`, frames: [AUTH_OK, AUTH_BAD, ...frames] });
  return cases;
}
