import { XMLParser, XMLValidator } from "fast-xml-parser";

/** One verb of a TwiML `<Response>`, e.g. a `<Message>` with its text or a `<Redirect>` with its URL. */
export interface TwimlVerb {
  verb: string;
  /** The text: a Message's body (its `<Body>` or its own text), a Redirect's URL. */
  text: string;
  attributes: Record<string, string>;
  /** A Message's `<Media>` URLs. */
  media?: string[];
}

/** What a TwiML answer says: its verbs, or why Twilio would reject it (`errors`, with Twilio's codes). */
export interface Twiml {
  /** False when Twilio would log an error for this document (12100 parse failure, 12200 schema). */
  ok: boolean;
  verbs: TwimlVerb[];
  errors: string[];
}

/** The verbs a Messaging webhook may answer with. */
const MESSAGING_VERBS = new Set(["Message", "Redirect"]);

type Node = Record<string, unknown> & { ":@"?: Record<string, string> };

const parser = () =>
  new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    trimValues: true,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
  });

const nameOf = (node: Node) => Object.keys(node).find((k) => k !== ":@") ?? "";
const childrenOf = (node: Node) => (node[nameOf(node)] as Node[] | undefined) ?? [];
const textOf = (nodes: Node[]) =>
  nodes
    .filter((n) => "#text" in n)
    .map((n) => String(n["#text"]))
    .join("");

/**
 * Reads a TwiML answer as Twilio would for an SMS: an empty body is a valid "no reply"; otherwise the
 * document must be well-formed XML whose root is `<Response>`, holding `<Message>` and `<Redirect>`.
 * Never throws.
 */
export function readTwiml(body: string): Twiml {
  const text = body.trim();
  if (text === "") return { ok: true, verbs: [], errors: [] };
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    return {
      ok: false,
      verbs: [],
      errors: [
        `12100 Document parse failure: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`,
      ],
    };
  const roots = (parser().parse(text) as Node[]).filter((n) => !nameOf(n).startsWith("?") && !("#text" in n));
  const root = roots[0];
  if (!root || nameOf(root) !== "Response")
    return {
      ok: false,
      verbs: [],
      errors: [`12200 Schema validation: the root element is <${root ? nameOf(root) : ""}>, not <Response>`],
    };
  const verbs: TwimlVerb[] = [];
  const errors: string[] = [];
  for (const node of childrenOf(root)) {
    if ("#text" in node) continue;
    const verb = nameOf(node);
    const children = childrenOf(node);
    const body = children.find((c) => nameOf(c) === "Body");
    const media = children.filter((c) => nameOf(c) === "Media").map((c) => textOf(childrenOf(c)));
    verbs.push({
      verb,
      text: body ? textOf(childrenOf(body)) : textOf(children),
      attributes: { ...node[":@"] },
      ...(media.length > 0 ? { media } : {}),
    });
    if (!MESSAGING_VERBS.has(verb))
      errors.push(
        `12200 Schema validation: <${verb}> is not a Messaging TwiML verb (use <Message> or <Redirect>)`,
      );
  }
  return { ok: errors.length === 0, verbs, errors };
}
