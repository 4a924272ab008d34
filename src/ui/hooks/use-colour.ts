import { createContext, useContext } from "react";

/** False under NO_COLOR: components then draw no colour at all (bold, dim and inverse stay). */
export const ColourContext = createContext(true);

/** `paint(colour)`: the colour, or undefined when colours are off. */
export function useColour(): <C extends string>(colour: C | undefined) => C | undefined {
  const on = useContext(ColourContext);
  return (colour) => (on ? colour : undefined);
}
