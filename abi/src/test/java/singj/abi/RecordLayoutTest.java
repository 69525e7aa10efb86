package singj.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;
import singj.abi.runtime.BlockSlot;

class RecordLayoutTest {
    public record Particle(int id, double x, double y, short charge, boolean alive) {}

    public record Named(String name) {}

    /** A slot whose generation stays 0, for blocks that are never sent or freed. */
    private static final BlockSlot SLOT = new BlockSlot() {
        @Override
        public void free(Block block) {}

        @Override
        public String whyDead(Block block) {
            return "dead";
        }
    };

    private static Block block(Arena arena, long size) {
        return new Block(SLOT, arena.allocate(size, 16), 0, size, 0);
    }

    @Test
    void recordsLieFlatOneAfterAnother() {
        RecordLayout<Particle> layout = RecordLayout.of(Particle.class);
        assertEquals(4 + 8 + 8 + 2 + 1, layout.size());
        try (Arena arena = Arena.ofConfined()) {
            Block block = block(arena, layout.size() * 3);
            layout.put(block, 0, new Particle(1, 0.5, -1.5, (short) -2, true));
            layout.put(block, 2, new Particle(3, 2.5, 3.5, (short) 7, false));
            assertEquals(new Particle(1, 0.5, -1.5, (short) -2, true), layout.get(block, 0));
            assertEquals(new Particle(3, 2.5, 3.5, (short) 7, false), layout.get(block, 2));
            assertEquals(3, block.getInt(2 * layout.size()), "the id is the record's first bytes");
            assertEquals(2.5, block.getDouble(2 * layout.size() + 4));
        }
    }

    @Test
    void aRecordPastTheBlocksEndIsRefused() {
        RecordLayout<Particle> layout = RecordLayout.of(Particle.class);
        try (Arena arena = Arena.ofConfined()) {
            Block block = block(arena, layout.size() * 2);
            assertThrows(IndexOutOfBoundsException.class, () -> layout.put(block, 2, new Particle(0, 0, 0, (short) 0, false)));
        }
    }

    @Test
    void onlyRecordsOfPrimitivesHaveALayout() {
        var error = assertThrows(IllegalArgumentException.class, () -> RecordLayout.of(Named.class));
        assertTrue(error.getMessage().contains("Named.name is a java.lang.String"), error.getMessage());
    }
}
