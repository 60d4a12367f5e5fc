/// A soak's steady window as the worker records it and the report reads it: equal slices, each a
/// phase (`steady-01` …), and after each the requests served since the window began, as a check.
/// The report's steady state reads the RSS series from the first slice's start to the last one's
/// end. One definition, so the scenario and the report cannot disagree on names.
public enum SteadyWindow {
    public static let slices = 10

    public static func phase(_ slice: Int) -> String {
        slice < 10 ? "steady-0\(slice)" : "steady-\(slice)"
    }

    public static var phases: [String] { (1...slices).map(phase) }

    /// The check holding the requests served in the steady window by the end of `slice`.
    public static func requestsCheck(_ slice: Int) -> String { "requestsBy-\(phase(slice))" }

    /// The phase whose end starts the window (request 0 of the window).
    public static let startPhase = "warm-up"
}
