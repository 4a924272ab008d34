import { Command } from "commander";

export function sendEmailCommand(): Command {
  return new Command("send-email").description("(not built yet)");
}
