package newsroom.stories;

import java.time.Instant;
import java.util.Comparator;

/**
 * Groups articles into stories: confirmed near-duplicate pairs are joined (union-find, so copies of copies join
 * too), and each story is named by its earliest article, by publication date (undated last), then by id. The
 * result depends only on the pairs, never on the order they were found in or on threads.
 */
public final class StoryClusters {
  /** One article to group: its position among the members, id and date. */
  public record Member(String id, Instant published) {}

  /** Earliest first: by date (undated last), then id. */
  public static final Comparator<Member> EARLIEST_FIRST =
      Comparator.comparing(Member::published, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(Member::id);

  private final Member[] members;
  private final int[] parent;

  public StoryClusters(Member[] members) {
    this.members = members;
    this.parent = new int[members.length];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
  }

  /** Members {@code a} and {@code b} are copies of one story. */
  public void join(int a, int b) {
    int ra = root(a);
    int rb = root(b);
    if (ra == rb) {
      return;
    }
    // The root is always the story's earliest member: that makes it the story's name.
    if (EARLIEST_FIRST.compare(members[ra], members[rb]) <= 0) {
      parent[rb] = ra;
    } else {
      parent[ra] = rb;
    }
  }

  public boolean together(int a, int b) {
    return root(a) == root(b);
  }

  /** The id of the earliest member of {@code member}'s story. */
  public String story(int member) {
    return members[root(member)].id();
  }

  private int root(int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]]; // path halving
      i = parent[i];
    }
    return i;
  }
}
