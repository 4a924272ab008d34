import { Command } from "commander";

export function tapCommand(): Command {
  return new Command("tap").description("(not built yet)");
}
