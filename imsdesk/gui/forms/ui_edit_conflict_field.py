# Generated from ui/edit_conflict_field.ui by imsdesk.ui.compile_forms. Do not edit; edit the form.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'edit_conflict_field.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QGridLayout, QGroupBox, QLabel,
    QPlainTextEdit, QPushButton, QSizePolicy, QWidget)

class Ui_EditConflictField(object):
    def setupUi(self, EditConflictField):
        if not EditConflictField.objectName():
            EditConflictField.setObjectName(u"EditConflictField")
        self.grid = QGridLayout(EditConflictField)
        self.grid.setObjectName(u"grid")
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(4)
        self.mine_label = QLabel(EditConflictField)
        self.mine_label.setObjectName(u"mine_label")
        self.mine_label.setWordWrap(True)

        self.grid.addWidget(self.mine_label, 0, 0, 1, 1)

        self.theirs_label = QLabel(EditConflictField)
        self.theirs_label.setObjectName(u"theirs_label")
        self.theirs_label.setWordWrap(True)

        self.grid.addWidget(self.theirs_label, 0, 1, 1, 1)

        self.mine = QPlainTextEdit(EditConflictField)
        self.mine.setObjectName(u"mine")
        self.mine.setReadOnly(True)
        self.mine.setTabChangesFocus(True)

        self.grid.addWidget(self.mine, 1, 0, 1, 1)

        self.theirs = QPlainTextEdit(EditConflictField)
        self.theirs.setObjectName(u"theirs")
        self.theirs.setReadOnly(True)
        self.theirs.setTabChangesFocus(True)

        self.grid.addWidget(self.theirs, 1, 1, 1, 1)

        self.keep_mine = QPushButton(EditConflictField)
        self.keep_mine.setObjectName(u"keep_mine")
        self.keep_mine.setAutoDefault(False)

        self.grid.addWidget(self.keep_mine, 2, 0, 1, 1)

        self.take_theirs = QPushButton(EditConflictField)
        self.take_theirs.setObjectName(u"take_theirs")
        self.take_theirs.setAutoDefault(False)

        self.grid.addWidget(self.take_theirs, 2, 1, 1, 1)

        self.result_label = QLabel(EditConflictField)
        self.result_label.setObjectName(u"result_label")

        self.grid.addWidget(self.result_label, 3, 0, 1, 2)

        self.result = QPlainTextEdit(EditConflictField)
        self.result.setObjectName(u"result")
        self.result.setTabChangesFocus(True)

        self.grid.addWidget(self.result, 4, 0, 1, 2)

        self.result_error = QLabel(EditConflictField)
        self.result_error.setObjectName(u"result_error")
        self.result_error.setWordWrap(True)
        self.result_error.setVisible(False)

        self.grid.addWidget(self.result_error, 5, 0, 1, 2)

#if QT_CONFIG(shortcut)
        self.result_label.setBuddy(self.result)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.mine, self.keep_mine)
        QWidget.setTabOrder(self.keep_mine, self.theirs)
        QWidget.setTabOrder(self.theirs, self.take_theirs)
        QWidget.setTabOrder(self.take_theirs, self.result)

        self.retranslateUi(EditConflictField)

        QMetaObject.connectSlotsByName(EditConflictField)
    # setupUi

    def retranslateUi(self, EditConflictField):
        EditConflictField.setTitle(QCoreApplication.translate("EditConflictField", u"Field", None))
        self.mine_label.setText(QCoreApplication.translate("EditConflictField", u"<b>Yours</b> (not saved yet)", None))
        self.theirs_label.setText(QCoreApplication.translate("EditConflictField", u"<b>Saved</b> from another workstation", None))
#if QT_CONFIG(tooltip)
        self.mine.setToolTip(QCoreApplication.translate("EditConflictField", u"What you typed at this workstation; it is still in the form.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.theirs.setToolTip(QCoreApplication.translate("EditConflictField", u"What is saved now, from the other workstation.", None))
#endif // QT_CONFIG(tooltip)
        self.keep_mine.setText(QCoreApplication.translate("EditConflictField", u"Keep &mine", None))
#if QT_CONFIG(tooltip)
        self.keep_mine.setToolTip(QCoreApplication.translate("EditConflictField", u"Save your version (the other one stays readable in the field below until you save)", None))
#endif // QT_CONFIG(tooltip)
        self.take_theirs.setText(QCoreApplication.translate("EditConflictField", u"Take &theirs", None))
#if QT_CONFIG(tooltip)
        self.take_theirs.setToolTip(QCoreApplication.translate("EditConflictField", u"Keep the version saved from the other workstation", None))
#endif // QT_CONFIG(tooltip)
        self.result_label.setText(QCoreApplication.translate("EditConflictField", u"What the visit will &say (choose above, or write the merged text here):", None))
        self.result.setPlaceholderText(QCoreApplication.translate("EditConflictField", u"Choose Keep mine or Take theirs, or write the merged text", None))
#if QT_CONFIG(tooltip)
        self.result.setToolTip(QCoreApplication.translate("EditConflictField", u"Saved as the newest version of this field when you press Save", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

