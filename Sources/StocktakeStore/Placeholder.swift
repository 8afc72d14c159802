import SQLKit
import SQLiteKit
public enum Placeholder2 {}
