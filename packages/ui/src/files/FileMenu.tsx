/** Open and save a network file; import CSV/JSON; export CSV, GEXF, GraphML, XLSX. */
export function FileMenu() {
  return null;
}
