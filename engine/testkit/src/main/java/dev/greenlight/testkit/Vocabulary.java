package dev.greenlight.testkit;

/** The words generated rules and generated submissions share, so that the rules find something. */
final class Vocabulary {
    static final String[] USES = {"private", "portfolio", "public-post", "commercial", "festival", "press"};
    static final String[] PROGRAMS = {"public", "early-access", "studio-partner", "red-team"};
    static final String[] TERM_CATEGORIES = {"public-figure", "trademarked-character", "sexual", "minors", "violence",
        "self-harm", "deceptive-realism", "extremism", "brand"};
    static final String[] TAGS = {"parody", "news", "advertising", "sponsored", "political", "satire", "fan-art",
        "documentary", "nsfw", "horror", "education", "music-video"};
    static final String[] MODELS = {"video-gen", "image-gen", "audio-gen", "image-gen-xl", "motion-lab"};
    static final String[] BANKS = {"csam", "known-spam", "terror", "copyright", "example", "ncii"};
    static final String[] MISMATCHES = {"type", "duration", "width", "height", "frameRate", "sha256"};
    static final String[] MEDIA_TYPES = {"image", "video", "audio"};
    static final String[] REGIONS = {"EU", "US", "UK", "JP", "BR", "IN", "AU"};

    static final String[] STYLES = {"35mm film grain shot of", "watercolour painting of", "isometric render of",
        "stop-motion shot of", "charcoal sketch of", "tilt-shift miniature shot of", "long exposure photo of",
        "pixel-art loop of", "cel-shaded animation of", "documentary-style clip of"};
    static final String[] SUBJECTS = {"a jazz trio of cats", "a knitted octopus", "an old lighthouse keeper",
        "a paper boat", "two robots playing chess", "a fox in a raincoat", "a crowded night market",
        "a glass greenhouse", "a marching band of frogs", "a tiny astronaut"};
    static final String[] ACTIONS = {"dancing on the rooftops of", "drifting over", "waiting for a tram in",
        "painting a mural in", "building a kite above", "reading under a lamp in", "sailing across a flooded"};
    static final String[] PLACES = {"Hanoi", "Nairobi", "Lisbon", "Reykjavik", "Valparaiso", "Osaka", "Tbilisi",
        "Marrakesh", "Montreal", "Hobart"};
    static final String[] MOODS = {"at dusk", "in heavy fog", "under a pink sky", "during a summer storm",
        "at first light", "in soft winter light"};
    static final String[] TITLES = {"Quiet Machines", "Small Hours", "Salt and Glass", "Night Ferry", "Paper Tides",
        "Low Orbit", "Borrowed Light", "The Long Way Round"};

    private Vocabulary() {
    }
}
