package singj.apps.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * One command line, split into words as a Unix shell splits them: blanks separate words, single
 * quotes keep everything literally, double quotes keep blanks, a backslash escapes the next
 * character. A last word {@code &} asks to run in the background. A line starting with
 * {@code #} is a comment.
 *
 * @param name the command's name, or empty for a blank line
 * @param args the words after the name
 * @param background whether the line ended with {@code &}
 */
public record Invocation(String name, List<String> args, boolean background) {
    public Invocation {
        args = List.copyOf(args);
    }

    public boolean isEmpty() {
        return name.isEmpty();
    }

    /** Splits {@code line}; throws {@link CommandException} for an unterminated quote or escape. */
    public static Invocation parse(String line) {
        List<Word> words = split(line);
        boolean background = !words.isEmpty() && words.getLast().equals(new Word("&", false));
        if (background) {
            words = words.subList(0, words.size() - 1);
        }
        if (words.isEmpty()) {
            if (background) {
                throw new CommandException("'&' needs a command before it");
            }
            return new Invocation("", List.of(), false);
        }
        List<String> args = words.subList(1, words.size()).stream().map(Word::text).toList();
        return new Invocation(words.getFirst().text(), args, background);
    }

    /** A word, and whether any of it was quoted (a quoted {@code "&"} is an argument, not an operator). */
    private record Word(String text, boolean quoted) {}

    private static List<Word> split(String line) {
        List<Word> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()
                        && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(new Word(word.toString(), quoted));
                    word = null;
                    quoted = false;
                }
            } else if (c == '#' && word == null) {
                break;
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (c == '\'' || c == '"') {
                    quote = c;
                    quoted = true;
                } else if (c == '\\') {
                    if (i + 1 == line.length()) {
                        throw new CommandException("the line ends with a lone '\\'");
                    }
                    word.append(line.charAt(++i));
                    quoted = true;
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new CommandException("unterminated " + (quote == '"' ? "double" : "single") + " quote");
        }
        if (word != null) {
            words.add(new Word(word.toString(), quoted));
        }
        return words;
    }
}
