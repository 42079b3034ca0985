// the parser factories of graphology-gexf and graphology-graphml ship without types
declare module 'graphology-gexf/common/parser.js' {
  const createParserFunction: unknown;
  export default createParserFunction;
}
declare module 'graphology-graphml/common/parser.js' {
  const createParserFunction: unknown;
  export default createParserFunction;
}
