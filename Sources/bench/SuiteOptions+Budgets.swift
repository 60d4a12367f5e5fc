import ArgumentParser
import Foundation
import BenchModel
import MemoryProbe
import Reporting

/// `--budget` on the suite commands, and the gates a finished suite is held to: variants that
/// did different work (exit 1, as a failed run) and budgets exceeded beyond noise (exit 2, the
/// gate's code, as `bench compare`'s regression).
extension SuiteOptions {
    /// The `--budget`s by scenario, each limit once per variant (or every variant) and metric.
    func resolvedBudgets() throws -> [String: [Budget]] {
        var byScenario: [String: [Budget]] = [:]
        for text in budget {
            let spec: BudgetSpec
            do { spec = try BudgetSpec.parse(text) } catch let invalid as BudgetSpec.Invalid { throw ValidationError("--\(invalid.description)") }
            for limit in spec.budgets {
                if byScenario[spec.scenario, default: []].contains(where: { $0.metric == limit.metric && $0.variant == limit.variant }) {
                    let target = spec.scenario + (limit.variant.map { "/\($0)" } ?? "")
                    throw ValidationError("--budget limits \(limit.metric.rawValue) of \(target) twice: keep one")
                }
                byScenario[spec.scenario, default: []].append(limit)
            }
        }
        return byScenario
    }

    /// Refuses a budget for a scenario or variant the worker does not have, or for a scenario
    /// this suite does not run (`planned`).
    func checkBudgets(against catalog: ScenarioCatalogDescription, planned: [String]) throws {
        for text in budget {
            let spec = try BudgetSpec.parse(text)
            do { try spec.validate(against: catalog) } catch let invalid as BudgetSpec.Invalid { throw ValidationError("--\(invalid.description)") }
            guard planned.contains(spec.scenario) else {
                throw ValidationError("--budget for \(spec.scenario): this suite does not run it (it runs \(planned.joined(separator: ", ")))")
            }
        }
    }

    /// `bench exec`: a budget names the command's scenario and, if any, one of its variants.
    func checkBudgets(scenario: String, variants: [String]) throws {
        for text in budget {
            let spec = try BudgetSpec.parse(text)
            guard spec.scenario == scenario else {
                throw ValidationError("--budget for \(spec.scenario): this command's scenario is \(scenario) (--name sets it)")
            }
            for variant in spec.budgets.compactMap(\.variant) where !variants.contains(variant) {
                throw ValidationError("--budget for \(scenario)/\(variant): no such variant; \(scenario) has \(variants.joined(separator: ", "))")
            }
        }
    }

    /// One line on stderr per pair of variants that did different work and per budget exceeded;
    /// the exit status they call for (1 for different work, else 2), or nil.
    static func sayGates(_ report: Report) -> ExitCode? {
        for mismatch in report.differentWork {
            FileHandle.standardError.write(Data("bench: \(report.sentence(mismatch))\n".utf8))
        }
        let exceeded = report.budgetsExceeded
        for check in exceeded {
            FileHandle.standardError.write(Data("bench: budget exceeded: \(report.sentence(check))\n".utf8))
        }
        if !report.differentWork.isEmpty { return ExitCode(1) }
        return exceeded.isEmpty ? nil : ExitCode(2)
    }
}
