import { Command } from "commander";

export function sendSmsCommand(): Command {
  return new Command("send-sms").description("(not built yet)");
}
