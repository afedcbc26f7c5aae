package newsroom.index;

/**
 * One facet dimension of an index.
 *
 * @param name the dimension and the name of its keyword field (so {@code company:kanzhun} also works as a query)
 * @param label what a person reads in the facet sidebar
 * @param hierarchical true for the date (year / month / day)
 * @param multiValued true when an article can carry several values (companies, actions), false for source
 */
public record FacetDimension(String name, String label, boolean hierarchical, boolean multiValued) {}
