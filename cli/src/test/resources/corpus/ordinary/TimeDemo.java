import java.time.*;
import java.time.format.*;
import java.time.temporal.*;
import java.util.*;

/** java.time with fixed instants and explicit zones: no clock and no default zone involved. */
public class TimeDemo {
    public static void main(String[] args) {
        Instant launch = Instant.parse("2024-03-10T06:30:00Z");
        System.out.println("instant " + launch + " epochSecond " + launch.getEpochSecond());
        for (String zone : List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney")) {
            ZonedDateTime z = launch.atZone(ZoneId.of(zone));
            System.out.println(String.format(Locale.ROOT, "%-18s %s offset %s dst %b", zone, z, z.getOffset(),
                    z.getZone().getRules().isDaylightSavings(launch)));
        }
        ZonedDateTime beforeDst = ZonedDateTime.of(2024, 3, 31, 1, 30, 0, 0, ZoneId.of("Europe/Berlin"));
        System.out.println("across DST " + beforeDst + " + 1h = " + beforeDst.plusHours(1));
        LocalDate date = LocalDate.of(2024, 2, 28);
        System.out.println("leap " + date.plusDays(1) + " " + date.plusDays(2) + " isLeap " + date.isLeapYear()
                + " dayOfWeek " + date.getDayOfWeek() + " dayOfYear " + date.getDayOfYear());
        LocalDate birthday = LocalDate.of(1990, Month.JULY, 14);
        Period age = Period.between(birthday, date);
        System.out.println("period " + age + " years " + age.getYears() + " days between " + ChronoUnit.DAYS.between(birthday, date));
        Duration d = Duration.ofMinutes(135).plusSeconds(7).plusMillis(250);
        System.out.println("duration " + d + " hours " + d.toHours() + " minutesPart " + d.toMinutesPart() + " millis " + d.toMillis());
        LocalDateTime ldt = LocalDateTime.of(2023, 12, 31, 23, 59, 30);
        System.out.println("ldt " + ldt + " +45s " + ldt.plusSeconds(45) + " truncated " + ldt.truncatedTo(ChronoUnit.HOURS));
        DateTimeFormatter f1 = DateTimeFormatter.ofPattern("EEEE, d MMMM uuuu HH:mm", Locale.US);
        DateTimeFormatter f2 = DateTimeFormatter.ofPattern("EEEE d. MMMM uuuu", Locale.GERMANY);
        DateTimeFormatter f3 = DateTimeFormatter.ofPattern("dd/MM/yy", Locale.FRANCE);
        System.out.println(f1.format(ldt) + " | " + f2.format(ldt) + " | " + f3.format(ldt));
        System.out.println("iso " + DateTimeFormatter.ISO_LOCAL_DATE.format(date) + " week-based " + DateTimeFormatter.ISO_WEEK_DATE.format(date)
                + " rfc " + DateTimeFormatter.RFC_1123_DATE_TIME.format(launch.atZone(ZoneOffset.UTC)));
        LocalDate parsed = LocalDate.parse("15/08/2021", DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ROOT));
        System.out.println("parsed " + parsed + " with adjusters: first of month " + parsed.with(TemporalAdjusters.firstDayOfMonth())
                + " next monday " + parsed.with(TemporalAdjusters.next(DayOfWeek.MONDAY)) + " last day " + parsed.with(TemporalAdjusters.lastDayOfMonth()));
        try {
            LocalDate.of(2023, 2, 29);
        } catch (DateTimeException e) {
            System.out.println("invalid date: " + e.getMessage());
        }
        YearMonth ym = YearMonth.of(2024, 2);
        System.out.println("yearMonth " + ym + " length " + ym.lengthOfMonth() + " year " + Year.of(2100).isLeap());
        Clock fixed = Clock.fixed(launch, ZoneId.of("Asia/Tokyo"));
        System.out.println("fixed clock now " + LocalDateTime.now(fixed) + " instant " + Instant.now(fixed));
        OffsetDateTime odt = OffsetDateTime.of(ldt, ZoneOffset.ofHours(-5));
        System.out.println("offset " + odt + " as instant " + odt.toInstant() + " at +09:00 " + odt.withOffsetSameInstant(ZoneOffset.ofHours(9)));
        List<LocalTime> times = new ArrayList<>(List.of(LocalTime.of(14, 5), LocalTime.NOON, LocalTime.MIDNIGHT, LocalTime.of(9, 30, 15)));
        Collections.sort(times);
        System.out.println("sorted times " + times + " between " + Duration.between(times.get(1), times.get(3)));
        System.out.println("epoch day " + LocalDate.EPOCH.plusDays(20000) + " millis " + Instant.ofEpochMilli(1_700_000_000_000L));
        System.out.println("month names " + Arrays.stream(Month.values()).limit(3)
                .map(m -> m.getDisplayName(TextStyle.SHORT, Locale.US) + "/" + m.getDisplayName(TextStyle.FULL, Locale.FRANCE)).toList());
    }
}
