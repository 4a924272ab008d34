import { BlockList, isIP } from "node:net";

let loopbackBlock: BlockList | undefined;

/** 127.0.0.0/8 and ::1; BlockList also matches their IPv4-mapped and long IPv6 spellings. */
function loopbackAddresses(): BlockList {
  if (!loopbackBlock) {
    loopbackBlock = new BlockList();
    loopbackBlock.addSubnet("127.0.0.0", 8, "ipv4");
    loopbackBlock.addAddress("::1", "ipv6");
  }
  return loopbackBlock;
}

/** `127.1` and `0x7f.1` are 127.0.0.1 to a URL parser and to getaddrinfo: compare what they mean. */
function canonical(host: string): string {
  if (isIP(host) !== 0) return host;
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return host;
  }
}

/**
 * True for a host name or address that only this machine can reach: `localhost` and `*.localhost`,
 * 127.0.0.0/8, `::1` in any spelling (`0:0:0:0:0:0:0:1`), and IPv4-mapped loopback (`::ffff:127.0.0.1`).
 * URL brackets (`[::1]`) are allowed. The one loopback test of the tree: the servers' bind and Origin
 * checks and `doctor` all use it.
 */
export function isLoopbackHost(host: string): boolean {
  const h = canonical(
    host
      .trim()
      .replace(/^\[|\]$/g, "")
      .toLowerCase(),
  );
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  const family = isIP(h);
  if (family === 0) return false;
  return loopbackAddresses().check(h, family === 4 ? "ipv4" : "ipv6");
}
