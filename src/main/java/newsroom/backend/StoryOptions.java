package newsroom.backend;

/**
 * What a search does with syndicated copies (the same wire story run by several outlets, grouped into stories
 * when the index is written).
 *
 * @param collapse one hit per story: its best-ranked matching copy, with how many matching copies the story has,
 *     and their sources and dates ({@link SearchResponse.StoryCopies})
 * @param story only the copies of this story (its id, the id of its earliest article); null for every story
 * @param countStories facet counts, the timeline and the total count each story once, through its earliest
 *     matching copy (by date, then id), instead of every article
 */
public record StoryOptions(boolean collapse, String story, boolean countStories) {
  /** Articles as they are: no collapsing, no story filter, articles counted. */
  public static final StoryOptions NONE = new StoryOptions(false, null, false);

  public StoryOptions {
    story = story == null || story.isBlank() ? null : story.strip();
  }

  /** Whether any story option is asked for (a backend that has no stories refuses them). */
  public boolean any() {
    return collapse || story != null || countStories;
  }
}
