import { Command } from "commander";

export function supervisorCommand(): Command {
  return new Command("supervisor").description("(not built yet)");
}
