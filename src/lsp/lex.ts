import { Lexer } from "chevrotain";
import { allTokens } from "../syntax/tokens.js";

/**
 * The compiler's own token definitions, for the editor features that read raw tokens (semantic
 * highlighting, completion context), so an editor never disagrees with the parser on a token.
 */
export const bondLexer = new Lexer([...allTokens], { positionTracking: "full", ensureOptimizations: false });
